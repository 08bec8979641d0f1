import{createRequire as __promoteCreateRequire}from'node:module';const require=__promoteCreateRequire(import.meta.url);
import{c as a,d as b}from"./chunk-5NYYRZET.js";import"./chunk-XYGZR4V6.js";import"./chunk-VR2EVTTU.js";import"./chunk-UL76SUIV.js";import"./chunk-ZNCP7NTW.js";export{b as defaultConfig,a as validateConfig};
