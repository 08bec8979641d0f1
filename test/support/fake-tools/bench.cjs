#!/usr/bin/env node
// Stand-in for Frappe's `bench` (the real one needs a Frappe site + MariaDB): same argv, exit
// codes, files and output shapes for the commands the frappe preset runs. State lives in
// $FAKE_BENCH_HOME/<site>.sql (the "database") and restarts.log. Failure modes by env:
//   FAKE_BENCH_BACKUP=no-trailer|empty   FAKE_BENCH_MIGRATE=fail|traceback-exit0
const fs = require('node:fs');
const path = require('node:path');
const zlib = require('node:zlib');

const home = process.env.FAKE_BENCH_HOME;
if (!home) {
  console.error('FAKE_BENCH_HOME is not set');
  process.exit(2);
}
const args = process.argv.slice(2);
let site;
if (args[0] === '--site') {
  site = args[1];
  args.splice(0, 2);
}
const db = () => path.join(home, `${site}.sql`);
const cmd = args[0];

if (cmd === 'restart') {
  fs.appendFileSync(path.join(home, 'restarts.log'), `restart ${new Date().toISOString()}\n`);
  console.log(
    'INFO: A newer version of bench is available\nRestarting supervisor processes... done',
  );
  process.exit(0);
}
if (!site || !fs.existsSync(db())) {
  console.error(`Site ${site} does not exist!`);
  process.exit(1);
}

if (cmd === 'backup') {
  const i = args.indexOf('--backup-path-db');
  const out = args[i + 1];
  const mode = process.env.FAKE_BENCH_BACKUP;
  let body = `-- MariaDB dump 10.19  Distrib 10.11.6-MariaDB\n${fs.readFileSync(db(), 'utf8')}`;
  if (mode !== 'no-trailer')
    body += `\n-- Dump completed on ${new Date().toISOString().slice(0, 19).replace('T', ' ')}\n`;
  fs.writeFileSync(out, mode === 'empty' ? Buffer.alloc(0) : zlib.gzipSync(body));
  console.log(
    `Backup Summary for ${site} at ${new Date().toISOString()}\nDatabase: ${out} ${fs.statSync(out).size}B`,
  );
  if (args.includes('--with-files')) console.log('Public: files.tar\nPrivate: private-files.tar');
  process.exit(0);
}
if (cmd === 'migrate') {
  const mode = process.env.FAKE_BENCH_MIGRATE;
  console.log(
    `Migrating ${site}\nUpdating DocTypes for frappe        : [========================================] 100%`,
  );
  fs.appendFileSync(
    db(),
    'ALTER TABLE `tabSales Invoice` ADD COLUMN `custom_region` varchar(140);\n',
  );
  if (mode === 'fail' || mode === 'traceback-exit0') {
    fs.appendFileSync(db(), 'UPDATE `tabSales Invoice` SET `custom_region` = NULL; -- half done\n');
    console.error(
      'Traceback (most recent call last):\n  File "apps/frappe/frappe/migrate.py", line 120, in run\nfrappe.exceptions.ValidationError: Row #3: Region is mandatory',
    );
    process.exit(mode === 'fail' ? 1 : 0);
  }
  fs.appendFileSync(db(), "UPDATE `tabSales Invoice` SET `custom_region` = 'EU';\n");
  console.log('Executing `after_migrate` hooks...\nQueued rebuilding of search index for ' + site);
  process.exit(0);
}
if (cmd === 'execute' && args[1] === 'frappe.get_all') {
  // The Patch Log read: `bench execute` prints the method's return value as JSON
  // (frappe/commands/utils.py); with pluck=patch, the patches run, from <site>.patch-log.
  const kwargs = JSON.parse(args[args.indexOf('--kwargs') + 1]);
  if (kwargs.doctype !== 'Patch Log' || kwargs.pluck !== 'patch') {
    console.error('frappe.exceptions.ValidationError: unexpected query');
    process.exit(1);
  }
  const log = path.join(home, `${site}.patch-log`);
  const patches = fs.existsSync(log)
    ? fs.readFileSync(log, 'utf8').split('\n').filter(Boolean)
    : [];
  console.log('INFO: A newer version of bench is available');
  if (patches.length) console.log(JSON.stringify(patches));
  process.exit(0);
}
if (cmd === 'restore') {
  const file = args[1];
  if (!args.includes('--force')) {
    console.error('Restore requires --force in non-interactive use');
    process.exit(1);
  }
  const text = zlib.gunzipSync(fs.readFileSync(file)).toString('utf8');
  const body = text.replace(/^-- MariaDB dump.*\n/, '').replace(/\n-- Dump completed on .*\n$/, '');
  fs.writeFileSync(db(), body);
  console.log(`Site ${site} has been restored with files`);
  process.exit(0);
}
console.error(`Usage: bench [OPTIONS] COMMAND [ARGS]...\nError: No such command '${cmd}'.`);
process.exit(2);
