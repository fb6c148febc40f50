print("ppo")
