import{createRequire as __promoteCreateRequire}from'node:module';const require=__promoteCreateRequire(import.meta.url);
import{c as a,d as b}from"./chunk-MGAI6M3C.js";import"./chunk-YTK6OULI.js";import"./chunk-ZNCP7NTW.js";export{b as defaultConfig,a as validateConfig};
