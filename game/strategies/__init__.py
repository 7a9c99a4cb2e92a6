"""The AI negotiators (bidding, opponent model, acceptance) and the game loop that runs them."""
