import{createRequire as __promoteCreateRequire}from'node:module';const require=__promoteCreateRequire(import.meta.url);
import{a}from"./chunk-XWTK3SUO.js";import"./chunk-2VS2BTAO.js";import"./chunk-SE5AQQKX.js";import"./chunk-JEVKBZAO.js";export{a as mergeInputs};
