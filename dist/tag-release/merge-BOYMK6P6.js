import{createRequire as __promoteCreateRequire}from'node:module';const require=__promoteCreateRequire(import.meta.url);
import{a}from"./chunk-FE7FXJOS.js";import"./chunk-KH2PKLOQ.js";import"./chunk-EOOEM6ER.js";import"./chunk-JEVKBZAO.js";export{a as mergeInputs};
