import{createRequire as __promoteCreateRequire}from'node:module';const require=__promoteCreateRequire(import.meta.url);
import{c as a,d as b}from"./chunk-6LHHPP3E.js";import"./chunk-RQ6SY2BS.js";import"./chunk-GGBBMQ3C.js";import"./chunk-UL76SUIV.js";import"./chunk-JEVKBZAO.js";export{b as defaultConfig,a as validateConfig};
