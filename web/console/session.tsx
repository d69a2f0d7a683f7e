import { createContext, useContext } from 'react';
import type { Me } from '../shared/api.js';

export interface Session {
  me: Me;
  estateId: string;
  setEstateId(id: string): void;
  rolesHere: string[];
}

export const SessionContext = createContext<Session | null>(null);
export const useSession = () => useContext(SessionContext)!;
