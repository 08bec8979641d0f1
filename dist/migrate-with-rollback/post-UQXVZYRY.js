import{createRequire as __promoteCreateRequire}from'node:module';const require=__promoteCreateRequire(import.meta.url);
import{a as u,j as s,k as g,m as h,q as m,r as p,s as d}from"./chunk-D6WSE7JF.js";import"./chunk-EBK6QNCS.js";import"./chunk-JEVKBZAO.js";async function v(o){let e=o.io.getState("lock-ref");if(!e)return;let i=o.io.getState("phase");if(i==="done")return;let a=o.io.getState("run-id"),c=o.io.getState("run-attempt"),r=o.io.getState("rollback-command"),k=o.io.getState("backup-id"),w=d(o.io,"token")??"",l=u(o.env),n={github:o.github(w),repo:{owner:l.owner,repo:l.repo},ref:e,logger:o.logger};if(i==="touching-production"){let t=await h(n);if(!t?.holder||t.holder.runId!==a||t.holder.runAttempt!==c)return;t.holder.needsRecovery||await m({...n,clock:o.clock,ttlMs:0,waitTimeoutMs:0,pollMs:0,me:t.holder},{ref:e,sha:t.sha,holder:t.holder,notes:[]},r,k),o.logger.error(`The migration step ended while changing production; lock ${e} kept (needs-recovery). Recover with: ${r}`),await o.io.appendSummary(`## Migration interrupted

🛑 The migrate step ended while production was being changed (cancelled or killed). The lock \`${e}\` stays flagged **needs-recovery** so no other deploy runs.

Recover with:

\`${r}\`
`);return}let y=await p(n,a,c);o.logger.info(`Post: lock ${e} ${y}.`)}async function f(o=g()){await s("migrate-with-rollback (post)",()=>v(o),o)}await f();
