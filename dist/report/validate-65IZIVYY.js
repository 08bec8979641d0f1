import{createRequire as __promoteCreateRequire}from'node:module';const require=__promoteCreateRequire(import.meta.url);
import{c as a,d as b}from"./chunk-MFMISJOQ.js";import"./chunk-SD7GVZ5D.js";import"./chunk-JEVKBZAO.js";export{b as defaultConfig,a as validateConfig};
