// The checker's memory snapshot as shipped: Pyodide's memory without its pages of zeros.
//
// Half of a Pyodide memory snapshot is pages that hold only zeros (the 30 MiB heap is mostly unused). Compression
// makes them cheap on the wire, but the browser still decodes, copies and hashes every byte: leaving them out
// halves the bytes the worker reads before it can restore. scripts/make_snapshot.mjs packs the snapshot at build
// time; checker-worker.mjs unpacks it (into new memory, which is zeros already); scripts/snapshot_answers.mjs
// restores through the same function, so the test answers from what the site ships.
//
// Layout, little-endian 32-bit words after an 8-byte magic:
//   "ICPSNAP1", header length H, the memory's length L, page size P, run count N,
//   N pairs (first page, page count) of the runs of pages kept, zero padding to H (a multiple of 8),
//   then the kept pages' bytes, run after run (the last page of the memory may be shorter than P).
const MAGIC = "ICPSNAP1"
const PAGE = 4096

export function pack(memory) {
  const pages = Math.ceil(memory.length / PAGE)
  const runs = []
  for (let page = 0; page < pages; page++) {
    const start = page * PAGE
    if (!memory.subarray(start, Math.min(start + PAGE, memory.length)).some((byte) => byte !== 0)) continue
    const last = runs[runs.length - 1]
    if (last && last[0] + last[1] === page) last[1]++
    else runs.push([page, 1])
  }
  const header = Math.ceil((8 + 4 * 4 + runs.length * 8) / 8) * 8
  const kept = runs.reduce((sum, [first, count]) => sum + Math.min(count * PAGE, memory.length - first * PAGE), 0)
  const packed = new Uint8Array(header + kept)
  packed.set(new TextEncoder().encode(MAGIC))
  const words = new DataView(packed.buffer)
  ;[header, memory.length, PAGE, runs.length].forEach((value, i) => words.setUint32(8 + 4 * i, value, true))
  runs.forEach(([first, count], i) => {
    words.setUint32(24 + 8 * i, first, true)
    words.setUint32(28 + 8 * i, count, true)
  })
  let offset = header
  for (const [first, count] of runs) {
    const bytes = memory.subarray(first * PAGE, Math.min((first + count) * PAGE, memory.length))
    packed.set(bytes, offset)
    offset += bytes.length
  }
  return packed
}

// The memory `pack` was given, byte for byte; an Error saying what is wrong with anything else.
export function unpack(packed) {
  if (packed.length < 24 || new TextDecoder().decode(packed.subarray(0, 8)) !== MAGIC) {
    throw new Error("not a packed snapshot (no ICPSNAP1 header)")
  }
  const words = new DataView(packed.buffer, packed.byteOffset, packed.byteLength)
  const [header, length, page, count] = [8, 12, 16, 20].map((at) => words.getUint32(at, true))
  if (header > packed.length || 24 + 8 * count > header) throw new Error("a packed snapshot's header is cut short")
  const memory = new Uint8Array(length)
  let offset = header
  for (let i = 0; i < count; i++) {
    const first = words.getUint32(24 + 8 * i, true)
    const pages = words.getUint32(28 + 8 * i, true)
    const end = Math.min((first + pages) * page, length)
    const size = end - first * page
    if (size <= 0 || offset + size > packed.length) throw new Error("a packed snapshot's pages are cut short")
    memory.set(packed.subarray(offset, offset + size), first * page)
    offset += size
  }
  if (offset !== packed.length) throw new Error("a packed snapshot has bytes its header does not name")
  return memory
}
