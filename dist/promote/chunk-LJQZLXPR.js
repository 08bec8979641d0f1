import{createRequire as __promoteCreateRequire}from'node:module';const require=__promoteCreateRequire(import.meta.url);
import{a as _,d as u}from"./chunk-TQ66FQEQ.js";var f=class extends Error{name="ConfigurationError"},p=class extends Error{name="ExplainedFailure"};function M(e,t){if(t instanceof f||t instanceof p)return t.message;let n=t instanceof Error?t.message:String(t);return`${e} failed: ${n}`}var B=65535,N=65536,A=125e3,E=1024*1024,G=50,L=65536,h={pass:"✓",fail:"✗",warn:"!",skip:"–"},$={pass:"pass",fail:"fail",warn:"warning",skip:"skipped"};function C(e,t){if(!Number.isInteger(t)||t<1)throw new RangeError(`chunk size must be a positive integer, got ${t}`);let n=[];for(let s=0;s<e.length;s+=t)n.push(e.slice(s,s+t));return n}function Y(e,t={}){let n=[];t.title&&n.push(`### ${u(t.title,"cell")}`,""),n.push("| Status | Check | Result |","| --- | --- | --- |");for(let s of e){let a=`${h[s.status]} ${$[s.status]}`;n.push(`| ${a} | ${u(s.name,"cell")} | ${u(s.summary,"cell")||" "} |`)}return n.join(`
`)}function j(e){let t=s=>_(s).replace(/\s*\n\s*/g," ").trim(),n=Math.max(14,...e.map(s=>t(s.name).length));return e.map(s=>`${h[s.status]} ${t(s.name).padEnd(n)} ${t(s.summary)}`.trimEnd()).join(`
`)}function D(e){return e.filter(t=>t.details&&t.details.trim()!=="").map(t=>`<details><summary>${h[t.status]} ${u(t.name,"cell")}: ${$[t.status]}</summary>

${t.details.trim()}

</details>`).join(`

`)}function c(e,t,n={}){if(n.bytes)return x(e,t,n);if(e.length<=t)return e;let s=n.note??"_… truncated: {omitted} more characters did not fit GitHub's limit of "+t+"._",a=s.replace("{omitted}",String(e.length)).length,i=t-a-40-2;if(i<0)return m(e,t);let r=e.slice(0,i),R=r.lastIndexOf(`
`);R>0?r=r.slice(0,R):r=m(r,r.length),i=r.length;let l=[],d=r.match(/^\s*(`{3,}|~{3,})/gm)??[];d.length%2===1&&l.push(d[d.length-1].trim().replace(/[^`~]/g,""));let y=(r.match(/<details>/g)??[]).length-(r.match(/<\/details>/g)??[]).length;for(let b=0;b<Math.min(y,2);b++)l.push("</details>");let T=s.replace("{omitted}",String(e.length-i)),g=`${r}
${l.length?`${l.join(`
`)}
`:""}
${T}`;return g.length<=t?g:m(g,t)}function m(e,t){let n=e.charCodeAt(t-1);return e.slice(0,n>=55296&&n<=56319?t-1:t)}function x(e,t,n){let s={...n,bytes:!1},a=r=>Buffer.byteLength(c(e,r,s))<=t;if(a(t))return c(e,t,s);let o=0,i=t;for(;o<i;){let r=Math.ceil((o+i)/2);a(r)?o=r:i=r-1}return c(e,o,s)}var S=256,w=2;function U(e,t){let n=E-t-w;if(Buffer.byteLength(e)<=n-S)return e;if(!(n<S))return c(e,n,{bytes:!0,note:"_… job summary truncated: {omitted} more characters did not fit GitHub's limit of 1 MiB per step._"})}export{B as a,N as b,A as c,G as d,L as e,C as f,Y as g,j as h,D as i,c as j,U as k,f as l,p as m,M as n};
