import{createRequire as __promoteCreateRequire}from'node:module';const require=__promoteCreateRequire(import.meta.url);
import{a}from"./chunk-MKOO2BQ2.js";import"./chunk-MGAI6M3C.js";import"./chunk-YTK6OULI.js";import"./chunk-ZNCP7NTW.js";export{a as mergeInputs};
