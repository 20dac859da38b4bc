// Imported first by main.tsx, before any library: repairs `navigator.language` when the process
// locale is "C" (see lib/locale.ts), since uPlot formats numbers with it as its module loads.

import { repairNavigatorLanguage } from './lib/locale';

if (typeof navigator !== 'undefined') repairNavigatorLanguage(navigator);
