// Reference timing for Volume3dBenchmark: ITK's 3-D STAPLEImageFilter<uchar, float> (and
// LabelVotingImageFilter) on raw 0/1 uint8 volumes written by the benchmark.
// Build (Debian 12, libinsighttoolkit5-dev):
//   g++ -O2 -std=c++17 -I/usr/include/ITK-5.2 itk_staple_3d.cxx -o itk_staple_3d \
//       /usr/lib/libITKCommon-5.2.so.1 /usr/lib/libitksys-5.2.so.1 /usr/lib/libitkvnl-5.2.so.1 \
//       /usr/lib/libitkvnl_algo-5.2.so.1 -lpthread
// Run: itk_staple_3d W H D rater1.raw rater2.raw ...
#include <chrono>
#include <ctime>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <vector>

#include "itkImage.h"
#include "itkLabelVotingImageFilter.h"
#include "itkSTAPLEImageFilter.h"

using Mask = itk::Image<unsigned char, 3>;
using Prob = itk::Image<float, 3>;

static Mask::Pointer read(const char *file, unsigned w, unsigned h, unsigned d) {
  Mask::Pointer m = Mask::New();
  Mask::RegionType region;
  Mask::SizeType size = {{w, h, d}};
  region.SetSize(size);
  m->SetRegions(region);
  m->Allocate();
  std::ifstream in(file, std::ios::binary);
  in.read(reinterpret_cast<char *>(m->GetBufferPointer()), (std::streamsize)w * h * d);
  if (!in) { std::fprintf(stderr, "cannot read %s\n", file); std::exit(1); }
  return m;
}

int main(int argc, char **argv) {
  if (argc < 6) { std::fprintf(stderr, "usage: %s W H D r1.raw r2.raw ...\n", argv[0]); return 2; }
  unsigned w = std::atoi(argv[1]), h = std::atoi(argv[2]), d = std::atoi(argv[3]);
  std::vector<Mask::Pointer> raters;
  for (int i = 4; i < argc; i++) raters.push_back(read(argv[i], w, h, d));

  // CPU time as well as wall time: the machine is shared, and both filters run on one thread.
  std::clock_t c0 = std::clock();
  auto t0 = std::chrono::steady_clock::now();
  auto staple = itk::STAPLEImageFilter<Mask, Prob>::New();
  for (unsigned i = 0; i < raters.size(); i++) staple->SetInput(i, raters[i]);
  staple->SetForegroundValue(1);
  staple->Update();
  auto t1 = std::chrono::steady_clock::now();
  std::clock_t c1 = std::clock();
  auto vote = itk::LabelVotingImageFilter<Mask, Mask>::New();
  for (unsigned i = 0; i < raters.size(); i++) vote->SetInput(i, raters[i]);
  vote->SetLabelForUndecidedPixels(1);
  vote->Update();
  auto t2 = std::chrono::steady_clock::now();
  std::clock_t c2 = std::clock();

  double st = std::chrono::duration<double>(t1 - t0).count(), mv = std::chrono::duration<double>(t2 - t1).count();
  std::printf("staple_s,%.3f\nvote_s,%.3f\nstaple_cpu_s,%.3f\nvote_cpu_s,%.3f\niterations,%u\n", st, mv, double(c1 - c0) / CLOCKS_PER_SEC,
              double(c2 - c1) / CLOCKS_PER_SEC, staple->GetElapsedIterations());
  for (unsigned i = 0; i < raters.size(); i++) std::printf("rater%u,%.17g,%.17g\n", i + 1, staple->GetSensitivity(i), staple->GetSpecificity(i));
  return 0;
}
