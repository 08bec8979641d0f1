import{createRequire as __promoteCreateRequire}from'node:module';const require=__promoteCreateRequire(import.meta.url);
import{a as r}from"./chunk-25UYASUA.js";import"./chunk-J2Q47FQV.js";import"./chunk-LJQZLXPR.js";import"./chunk-TQ66FQEQ.js";import"./chunk-ZNCP7NTW.js";await r();
