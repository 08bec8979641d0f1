import{createRequire as __promoteCreateRequire}from'node:module';const require=__promoteCreateRequire(import.meta.url);
import{c as a,d as b}from"./chunk-T632XQXO.js";import"./chunk-DZBMF7WY.js";import"./chunk-EBK6QNCS.js";import"./chunk-JEVKBZAO.js";export{b as defaultConfig,a as validateConfig};
