import{createRequire as __promoteCreateRequire}from'node:module';const require=__promoteCreateRequire(import.meta.url);
import{b as o}from"./chunk-GUQJYFH2.js";import"./chunk-EPE5YRYS.js";import"./chunk-LJQZLXPR.js";import"./chunk-TQ66FQEQ.js";import"./chunk-JEVKBZAO.js";await o();
