import{createRequire as __promoteCreateRequire}from'node:module';const require=__promoteCreateRequire(import.meta.url);
import{c as a,d as b}from"./chunk-6NZ65QII.js";import"./chunk-SBWLN3YC.js";import"./chunk-ZNCP7NTW.js";export{b as defaultConfig,a as validateConfig};
