// Package editdist holds the edit distance nianbao uses to suggest what a
// mistyped name was meant to be: a register's option (公民 for 自然人) or a
// unit of a roll-up (卫生建康局 for 卫生健康局).
package editdist

// Runes is the Levenshtein distance of a and b in runes. With limit >= 0
// it stops once the distance is sure to exceed limit, and returns
// limit+1: comparing a name with every unit of a long list stays cheap.
func Runes(a, b []rune, limit int) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		best := cur[0]
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			best = min(best, cur[j])
		}
		if limit >= 0 && best > limit {
			return limit + 1
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
