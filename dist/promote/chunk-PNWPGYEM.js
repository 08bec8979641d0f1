import{createRequire as __promoteCreateRequire}from'node:module';const require=__promoteCreateRequire(import.meta.url);
function r(e){let n=e;if(typeof n=="string")try{n=JSON.parse(n)}catch{return}return typeof n=="object"&&n!==null&&!Array.isArray(n)?n:void 0}function t(e){let n=r(e)?.app;return typeof n=="string"&&n!==""?n:void 0}export{r as a,t as b};
