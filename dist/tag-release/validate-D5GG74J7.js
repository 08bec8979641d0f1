import{createRequire as __promoteCreateRequire}from'node:module';const require=__promoteCreateRequire(import.meta.url);
import{c as a,d as b}from"./chunk-WMO7IT42.js";import"./chunk-EOOEM6ER.js";import"./chunk-JEVKBZAO.js";export{b as defaultConfig,a as validateConfig};
