// The live state (status, progress, notices) shared by every page through a Preact context.

import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { INITIAL, type Action, type LiveState } from './lib/events';

export interface Live {
  state: LiveState;
  dispatch: (action: Action) => void;
}

export const LiveContext = createContext<Live>({ state: INITIAL, dispatch: () => {} });

export function useLive(): Live {
  return useContext(LiveContext);
}
