import{createRequire as __promoteCreateRequire}from'node:module';const require=__promoteCreateRequire(import.meta.url);
import{c as a,d as b}from"./chunk-VTEUM4LG.js";import"./chunk-MWWQHHCL.js";import"./chunk-EBK6QNCS.js";import"./chunk-ZNCP7NTW.js";export{b as defaultConfig,a as validateConfig};
