import type { RouteModule } from '../types.js';
import { authRoutes } from './auth/index.js';
import { systemRoutes } from './system/index.js';

/** Every resource's routes; add a module here when adding a resource folder. */
export const routeModules: RouteModule[] = [systemRoutes, authRoutes];
