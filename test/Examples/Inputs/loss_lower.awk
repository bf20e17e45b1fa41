# Reads the output of examples/fashion_mlp.nabla and prints whether the test
# loss at the end is below the test loss at the start.
/^test loss at the start/ { start = $NF }
/^test loss at the end/ { end = $NF }
END {
  if (start == "" || end == "") { print "missing loss lines"; exit 1 }
  print (end + 0 < start + 0 ? "lower" : "NOT lower"), start, end
}
