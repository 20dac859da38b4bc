// A transport for tests that records every operation the typed client sends and answers each
// with `answer(op)`; set as the window's transport until `setTransport(null)`.

import { setTransport, type Op, type Transport } from '../api/transport';

export function recordingTransport(answer: (op: Op) => unknown): Op[] {
  const ops: Op[] = [];
  const fake: Transport = {
    kind: 'mock',
    async call<T>(op: Op) {
      ops.push(op);
      return (await answer(op)) as T;
    },
    subscribe: () => () => {},
    openUrl: async () => {},
  };
  setTransport(fake);
  return ops;
}
