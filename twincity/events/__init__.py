"""Events of the two cities: pages, registration that never oversells, tickets, check-in, booths."""
