/**
 * Stage and app names become part of refs, tags, branch names and commit-status contexts, so
 * both are lower-case slugs (and never look like numbers, which YAML mappings would reorder).
 */
export const STAGE_NAME = /^[a-z][a-z0-9-]{0,31}$/;
