import { pre } from './main.js';
await pre();
