import{createRequire as __promoteCreateRequire}from'node:module';const require=__promoteCreateRequire(import.meta.url);
var d={debug:()=>{},info:()=>{},notice:()=>{},warning:()=>{},error:()=>{},group:(n,e)=>e(),setSecret:()=>{}};export{d as a};
