"""How far the grader is from the coaches: grader/coach pairs from reviewed sessions, and the
agreement between them."""
