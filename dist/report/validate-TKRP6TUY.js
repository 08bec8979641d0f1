import{createRequire as __promoteCreateRequire}from'node:module';const require=__promoteCreateRequire(import.meta.url);
import{c as a,d as b}from"./chunk-BGBWBNTP.js";import"./chunk-2Y6YY7FH.js";import"./chunk-ZNCP7NTW.js";export{b as defaultConfig,a as validateConfig};
