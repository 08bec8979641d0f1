import{createRequire as __promoteCreateRequire}from'node:module';const require=__promoteCreateRequire(import.meta.url);
import{a}from"./chunk-YFHL3DDD.js";import"./chunk-WMO7IT42.js";import"./chunk-EOOEM6ER.js";import"./chunk-JEVKBZAO.js";export{a as mergeInputs};
