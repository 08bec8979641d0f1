import{createRequire as __promoteCreateRequire}from'node:module';const require=__promoteCreateRequire(import.meta.url);
import{a as r}from"./chunk-AZ5PJZWY.js";import"./chunk-ZWW2CPAL.js";import"./chunk-ZNCP7NTW.js";await r();
