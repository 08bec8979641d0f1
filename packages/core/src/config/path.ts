/** Where promotion.yml is read from unless the `config` input names another path. */
export const DEFAULT_CONFIG_PATH = '.github/promotion.yml';
