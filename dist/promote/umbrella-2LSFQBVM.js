import{createRequire as __promoteCreateRequire}from'node:module';const require=__promoteCreateRequire(import.meta.url);
import{a as r}from"./chunk-IWVSZTA4.js";import"./chunk-35C5L5X6.js";import"./chunk-ZNCP7NTW.js";await r();
