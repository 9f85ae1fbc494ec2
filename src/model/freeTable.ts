/**
 * What a HostIndex keeps per host index, in one 16-byte record of an Int32Array: the free memory and
 * CPU as last indexed (the values its orders are sorted by, read by their walks), whether the host is a
 * member, whether it is a hole of some group scan, and which shared list of partitions it is in. A place
 * or stop then reads and writes one cache line of the table instead of one line in each of five arrays
 * (at 100,000 hosts each plain per-host array spans 800 KB, and a host touched again after minutes of
 * simulated time finds none of them in cache). Free amounts are whole MiB and CPU units (the scenario
 * compiler accepts only integers), and int32 reads stay small integers in V8, where float reads handed to
 * a call that is not inlined would each be boxed.
 *
 * The table grows by doubling, so readers take `data` afresh after a host was added.
 */
const STRIDE = 4;
const MEM = 0;
const CPU = 1;
const FLAGS = 2;
const LIST = 3;
const MEMBER = 1;
const HOLE = 2;

export class FreeTable {
  /** Record i: [4i] free memory, [4i + 1] free CPU, [4i + 2] flags, [4i + 3] partition list number. */
  data = new Int32Array(STRIDE * 64);

  mem(i: number): number {
    return this.data[STRIDE * i + MEM] as number;
  }

  cpu(i: number): number {
    return this.data[STRIDE * i + CPU] as number;
  }

  /** Sets host i's free amounts (making room for it). */
  set(i: number, mem: number, cpu: number): void {
    if (STRIDE * i >= this.data.length) this.grow(i);
    this.data[STRIDE * i + MEM] = mem;
    this.data[STRIDE * i + CPU] = cpu;
  }

  isMember(i: number): boolean {
    return STRIDE * i < this.data.length && ((this.data[STRIDE * i + FLAGS] as number) & MEMBER) !== 0;
  }

  /** Makes host i a member (or not), keeping its other flags. */
  setMember(i: number, member: boolean): void {
    if (STRIDE * i >= this.data.length) this.grow(i);
    const flags = this.data[STRIDE * i + FLAGS] as number;
    this.data[STRIDE * i + FLAGS] = member ? flags | MEMBER : flags & ~MEMBER;
  }

  /** Whether host i is a hole of some group scan (HostIndex keeps the scans themselves). */
  isHole(i: number): boolean {
    return ((this.data[STRIDE * i + FLAGS] as number) & HOLE) !== 0;
  }

  setHole(i: number, hole: boolean): void {
    const flags = this.data[STRIDE * i + FLAGS] as number;
    this.data[STRIDE * i + FLAGS] = hole ? flags | HOLE : flags & ~HOLE;
  }

  list(i: number): number {
    return this.data[STRIDE * i + LIST] as number;
  }

  setList(i: number, list: number): void {
    this.data[STRIDE * i + LIST] = list;
  }

  private grow(i: number): void {
    let size = this.data.length;
    while (size <= STRIDE * i) size *= 2;
    const grown = new Int32Array(size);
    grown.set(this.data);
    this.data = grown;
  }
}

/** Ints per record, for walks that read records straight from `data` (record i starts at FREE_STRIDE × i). */
export const FREE_STRIDE = STRIDE;
