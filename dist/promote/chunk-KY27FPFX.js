import{createRequire as __promoteCreateRequire}from'node:module';const require=__promoteCreateRequire(import.meta.url);
var o=["smoke","notify","promote"];export{o as a};
