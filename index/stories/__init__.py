"""Agency copy and stories: copy groups (MinHash/LSH), agency credits, word diffs, stories."""
