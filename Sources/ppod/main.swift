import GRDB
import Hummingbird
import Logging
print("ppod")
