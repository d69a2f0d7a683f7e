import type { RouteModule } from '../types.js';
import { authRoutes } from './auth/index.js';
import { systemRoutes } from './system/index.js';
import { liveRoutes } from './live/index.js';
import { notificationRoutes } from './notifications/index.js';
import { caseRoutes } from './cases/index.js';
import { contactRoutes } from './contacts/index.js';
import { workOrderRoutes } from './work-orders/index.js';
import { fileRoutes } from './files/index.js';
import { orgRoutes } from './org/index.js';
import { slaRoutes } from './sla/index.js';
import { catalogRoutes } from './catalog/index.js';
import { reportRoutes } from './reports/index.js';
import { settingsRoutes } from './settings/index.js';
import { webRoutes } from './web/index.js';
import { auditRoutes } from './audit/index.js';
import { hotlineRoutes } from './hotline/index.js';
import { kpiRoutes } from './kpis/index.js';
import { qualityRoutes } from './quality/index.js';

/** Every resource's routes; add a module here when adding a resource folder. */
export const routeModules: RouteModule[] = [systemRoutes, authRoutes, liveRoutes, notificationRoutes, caseRoutes, contactRoutes, workOrderRoutes, fileRoutes, orgRoutes, slaRoutes, catalogRoutes, reportRoutes, settingsRoutes, auditRoutes, hotlineRoutes, qualityRoutes, kpiRoutes, webRoutes];
