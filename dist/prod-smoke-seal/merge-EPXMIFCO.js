import{createRequire as __promoteCreateRequire}from'node:module';const require=__promoteCreateRequire(import.meta.url);
import{a}from"./chunk-GFMBL6UN.js";import"./chunk-4GUFV2YW.js";import"./chunk-SE5AQQKX.js";import"./chunk-JEVKBZAO.js";export{a as mergeInputs};
