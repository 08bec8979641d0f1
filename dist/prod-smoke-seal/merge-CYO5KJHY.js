import{createRequire as __promoteCreateRequire}from'node:module';const require=__promoteCreateRequire(import.meta.url);
import{a}from"./chunk-CHY6EVMQ.js";import"./chunk-6NZ65QII.js";import"./chunk-SBWLN3YC.js";import"./chunk-ZNCP7NTW.js";export{a as mergeInputs};
