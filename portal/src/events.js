// What the chain said in its recent blocks: the events of the latest blocks, newest first, for
// the lists the runtime's storage does not keep (accesses, payouts). A node keeps the events of
// the blocks whose state it keeps: 256 blocks unless it is an archive node.

/** How far back the portal looks for events. */
export const LOOK_BACK_BLOCKS = 2_000;
/** Blocks whose events are asked for at once. */
const BATCH = 20;

/**
 * Walks back from the best block, giving `visit(event, blockNumber)` each event, until
 * `done()` holds, `LOOK_BACK_BLOCKS` were read, or the node keeps no older state. Resolves to
 * `{ complete, oldest }`: whether `done()` was reached, and the oldest block read.
 */
export async function walkEvents(api, visit, done) {
  const head = (await api.rpc.chain.getHeader()).number.toNumber();
  const stop = Math.max(0, head - LOOK_BACK_BLOCKS + 1);
  let oldest = head + 1;
  while (!done() && oldest > stop) {
    const numbers = [];
    for (let n = oldest - 1; n >= stop && numbers.length < BATCH; n -= 1) numbers.push(n);
    let blocks;
    try {
      blocks = await Promise.all(numbers.map(async (number) => {
        const hash = await api.rpc.chain.getBlockHash(number);
        return { number, events: await api.query.system.events.at(hash) };
      }));
    } catch {
      break; // The node no longer keeps these blocks' state.
    }
    for (const { number, events } of blocks) {
      for (const { event } of events) visit(event, number);
    }
    oldest = numbers[numbers.length - 1];
  }
  return { complete: done() || oldest === 0, oldest };
}
