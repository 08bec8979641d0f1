import * as prettier from 'prettier';

/** Markdown as `prettier --check` wants it, so generated docs pass `npm run lint`. */
export async function formatMarkdown(text: string, filepath: string): Promise<string> {
  const options = (await prettier.resolveConfig(filepath)) ?? {};
  return prettier.format(text, { ...options, parser: 'markdown', filepath });
}
