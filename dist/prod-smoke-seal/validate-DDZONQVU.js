import{createRequire as __promoteCreateRequire}from'node:module';const require=__promoteCreateRequire(import.meta.url);
import{c as a,d as b}from"./chunk-2VS2BTAO.js";import"./chunk-SE5AQQKX.js";import"./chunk-JEVKBZAO.js";export{b as defaultConfig,a as validateConfig};
