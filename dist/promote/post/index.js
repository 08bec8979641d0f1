import{createRequire as __promoteCreateRequire}from'node:module';const require=__promoteCreateRequire(import.meta.url);
import{a as i}from"../chunk-2LL72UV5.js";import"../chunk-JEVKBZAO.js";i();await import("../post-4FFSP2GI.js");
