import{createRequire as __promoteCreateRequire}from'node:module';const require=__promoteCreateRequire(import.meta.url);
import{c as r}from"./chunk-TUTFDAVQ.js";function n(e,o){return r(e,o).filter(t=>t==="freeze"?(e.freeze?.length??0)>0||o?.allow!==void 0:e[t].enabled)}export{n as a};
