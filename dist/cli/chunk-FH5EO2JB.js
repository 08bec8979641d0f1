import{createRequire as __promoteCreateRequire}from'node:module';const require=__promoteCreateRequire(import.meta.url);
function r(t){return t.replace(/-/g," ")}function s(t,e,n,a={}){let o={name:r(t),status:e,summary:n};return a.details&&(o.details=a.details),{gate:t,row:o,annotations:a.annotations??[]}}function i(t,e,n="fail"){return s(t,n,`cannot evaluate: ${e}`)}export{s as a,i as b};
