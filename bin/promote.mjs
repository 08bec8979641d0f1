#!/usr/bin/env node
// The `promote` command (package.json "bin"): the committed bundle of src/cli, so it runs with
// nothing but Node (npx --package=github:OWNER/promote#<sha> promote validate).
import '../dist/cli/index.js';
