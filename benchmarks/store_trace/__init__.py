"""A trace of the bot under P6, for finding what held up the worst acks."""
