package synth

import "math"

// PyRandom reproduces CPython's random.Random (Mersenne Twister MT19937) for the calls the generator needs,
// so that Go produces exactly the members that a Python script seeded the same way produces.
type PyRandom struct {
	mt  [624]uint32
	idx int
}

// NewPyRandom seeds like random.Random(seed) with a non-negative int seed.
func NewPyRandom(seed uint64) *PyRandom {
	r := &PyRandom{}
	key := []uint32{uint32(seed)}
	if hi := uint32(seed >> 32); hi != 0 {
		key = append(key, hi)
	}
	r.initByArray(key)
	return r
}

func (r *PyRandom) initGenrand(s uint32) {
	r.mt[0] = s
	for i := 1; i < 624; i++ {
		r.mt[i] = 1812433253*(r.mt[i-1]^(r.mt[i-1]>>30)) + uint32(i)
	}
	r.idx = 624
}

func (r *PyRandom) initByArray(key []uint32) {
	r.initGenrand(19650218)
	i, j := 1, 0
	k := max(624, len(key))
	for ; k > 0; k-- {
		r.mt[i] = (r.mt[i] ^ ((r.mt[i-1] ^ (r.mt[i-1] >> 30)) * 1664525)) + key[j] + uint32(j)
		i++
		j++
		if i >= 624 {
			r.mt[0] = r.mt[623]
			i = 1
		}
		if j >= len(key) {
			j = 0
		}
	}
	for k = 623; k > 0; k-- {
		r.mt[i] = (r.mt[i] ^ ((r.mt[i-1] ^ (r.mt[i-1] >> 30)) * 1566083941)) - uint32(i)
		i++
		if i >= 624 {
			r.mt[0] = r.mt[623]
			i = 1
		}
	}
	r.mt[0] = 0x80000000
}

// Uint32 is genrand_uint32.
func (r *PyRandom) Uint32() uint32 {
	const upper, lower = 0x80000000, 0x7fffffff
	if r.idx >= 624 {
		for k := 0; k < 624; k++ {
			y := (r.mt[k] & upper) | (r.mt[(k+1)%624] & lower)
			v := r.mt[(k+397)%624] ^ (y >> 1)
			if y&1 != 0 {
				v ^= 0x9908b0df
			}
			r.mt[k] = v
		}
		r.idx = 0
	}
	y := r.mt[r.idx]
	r.idx++
	y ^= y >> 11
	y ^= (y << 7) & 0x9d2c5680
	y ^= (y << 15) & 0xefc60000
	y ^= y >> 18
	return y
}

// getrandbits returns k random bits, 0 < k <= 32.
func (r *PyRandom) getrandbits(k int) uint32 { return r.Uint32() >> (32 - k) }

// randbelow is Random._randbelow_with_getrandbits: a uniform int in [0, n), n > 0.
func (r *PyRandom) randbelow(n int) int {
	k := bitLength(uint64(n))
	v := int(r.getrandbits(k))
	for v >= n {
		v = int(r.getrandbits(k))
	}
	return v
}

func bitLength(n uint64) int {
	k := 0
	for ; n > 0; n >>= 1 {
		k++
	}
	return k
}

// Intn is randrange(n).
func (r *PyRandom) Intn(n int) int { return r.randbelow(n) }

// RandInt is randint(a, b), b included.
func (r *PyRandom) RandInt(a, b int) int { return a + r.randbelow(b-a+1) }

// Choice is the index that choice(seq) picks in a sequence of length n.
func (r *PyRandom) Choice(n int) int { return r.randbelow(n) }

// Sample returns the indexes that sample(population, k) picks in a population of length n, in order.
func (r *PyRandom) Sample(n, k int) []int {
	out := make([]int, k)
	setsize := 21
	if k > 5 {
		setsize += int(math.Pow(4, math.Ceil(math.Log(float64(k*3))/math.Log(4))))
	}
	if n <= setsize {
		pool := make([]int, n)
		for i := range pool {
			pool[i] = i
		}
		for i := 0; i < k; i++ {
			j := r.randbelow(n - i)
			out[i] = pool[j]
			pool[j] = pool[n-i-1]
		}
		return out
	}
	selected := make(map[int]bool, k)
	for i := 0; i < k; i++ {
		j := r.randbelow(n)
		for selected[j] {
			j = r.randbelow(n)
		}
		selected[j] = true
		out[i] = j
	}
	return out
}
