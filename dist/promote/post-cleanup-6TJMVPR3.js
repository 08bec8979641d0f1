import{createRequire as __promoteCreateRequire}from'node:module';const require=__promoteCreateRequire(import.meta.url);
import{a as g,c as h,g as m,h as d}from"./chunk-BBBDKUNX.js";import{b as p}from"./chunk-ZIHTPENV.js";import{a as u,j as s}from"./chunk-HLNJ32OO.js";import"./chunk-EPE5YRYS.js";import"./chunk-LJQZLXPR.js";import"./chunk-TQ66FQEQ.js";import"./chunk-JEVKBZAO.js";async function y(o){let t=o.io.getState("lock-ref");if(!t)return;let i=o.io.getState("phase");if(i==="done")return;let a=o.io.getState("run-id"),c=o.io.getState("run-attempt"),r=o.io.getState("rollback-command"),f=o.io.getState("backup-id"),k=p(o.io,"token")??"",l=u(o.env),n={github:o.github(k),repo:{owner:l.owner,repo:l.repo},ref:t,logger:o.logger};if(i==="touching-production"){let e=await h(n);if(!e?.holder||e.holder.runId!==a||e.holder.runAttempt!==c)return;e.holder.needsRecovery||await m({...n,clock:o.clock,ttlMs:0,waitTimeoutMs:0,pollMs:0,me:e.holder},{ref:t,sha:e.sha,holder:e.holder,notes:[]},r,f),o.logger.error(`The migration step ended while changing production; lock ${t} kept (needs-recovery). Recover with: ${r}`),await o.io.appendSummary(`## Migration interrupted

🛑 The migrate step ended while production was being changed (cancelled or killed). The lock \`${t}\` stays flagged **needs-recovery** so no other deploy runs.

Recover with:

\`${r}\`
`);return}let w=await d(n,a,c);o.logger.info(`Post: lock ${t} ${w}.`)}async function R(o=g()){await s("migrate-with-rollback (post)",()=>y(o),o)}export{y as runPost,R as runPostStep};
