// A mistyped subpath: flow() throws while the file loads, so the run fails before any test.
import { test } from '@playwright/test'
import { flow } from 'flowready'

test('a blank title is refused', flow('FLOW-JOT-ADD-001', 'negatve'), async () => {})
